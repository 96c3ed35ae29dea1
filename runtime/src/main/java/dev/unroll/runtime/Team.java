package dev.unroll.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed team of daemon threads that split the rows of one product with its caller, without
 * allocating: the job's arguments sit in fields, each worker has its own part, and the caller does
 * part 0 itself. One product at a time uses the team; a second thread that arrives while it is busy
 * computes its product alone, which is always correct.
 *
 * <p>Each row of C is computed by exactly one thread, in the same order whatever the team's size,
 * so results do not depend on it.
 */
final class Team {
  private final Worker[] workers;
  private final ReentrantLock busy = new ReentrantLock();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Thread caller;
  private volatile int generation;
  private volatile Throwable failure;

  // The current job, written by the caller before it bumps the generation.
  private Gemm.Job job;
  private int n;
  private int parts;

  Team(int size) {
    workers = new Worker[Math.max(0, size - 1)];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(i + 1);
      workers[i].start();
    }
  }

  /** How many threads a product can be split across, the caller included. */
  int size() {
    return workers.length + 1;
  }

  /**
   * Computes rows [0, n) of C split into {@code parts} (at most {@link #size()}), or returns false
   * without doing anything if another product holds the team.
   */
  boolean run(Gemm.Job job, int n, int parts) {
    if (!busy.tryLock()) {
      return false;
    }
    try {
      this.job = job;
      this.n = n;
      this.parts = parts;
      failure = null;
      caller = Thread.currentThread();
      // Every worker answers every job, needed or not, so none can still be reading this job's
      // fields when the next one starts writing them.
      pending.set(workers.length);
      generation++; // publishes the fields above to the workers
      for (Worker worker : workers) {
        LockSupport.unpark(worker);
      }
      part(0);
      while (pending.get() > 0) {
        LockSupport.park(this);
      }
      Throwable t = failure;
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      return true;
    } finally {
      this.job = null;
      busy.unlock();
    }
  }

  private void part(int index) {
    Gemm.RowKernel kernel = Gemm.KERNEL;
    kernel.rows(job, kernel.boundary(n, index, parts), kernel.boundary(n, index + 1, parts));
  }

  private final class Worker extends Thread {
    private final int index;

    Worker(int index) {
      super("unroll-kernel-" + index);
      this.index = index;
      setDaemon(true);
    }

    @Override
    public void run() {
      int seen = 0;
      while (true) {
        while (generation == seen) {
          LockSupport.park(Team.this);
        }
        seen = generation;
        try {
          if (index < parts) {
            part(index);
          }
        } catch (Throwable t) {
          failure = t;
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }
  }
}
