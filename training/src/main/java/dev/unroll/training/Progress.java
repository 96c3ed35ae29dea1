package dev.unroll.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a training run as it goes. On a terminal it redraws one line, a bar with the epoch, loss
 * and accuracy; when the output is a file or a pipe (a build log, CI) it prints plain lines
 * instead, about twenty over the run, so logs stay short and readable.
 */
public final class Progress implements TrainingListener {
  private static final int BAR = 30;
  private static final int LOG_LINES = 20;

  private final PrintStream out;
  private final boolean terminal;
  private int epochs;
  private int every = 1;

  private Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** To standard output: a redrawn bar on a terminal, log lines otherwise. */
  public static Progress toConsole() {
    return new Progress(System.out, System.console() != null);
  }

  /** Plain log lines to {@code out}, about twenty over the run plus the last epoch. */
  public static Progress lines(PrintStream out) {
    return new Progress(out, false);
  }

  /** A bar redrawn in place on {@code out}, which should be a terminal. */
  public static Progress bar(PrintStream out) {
    return new Progress(out, true);
  }

  @Override
  public void started(int epochs, int examples, int batchSize) {
    this.epochs = epochs;
    this.every = Math.max(1, epochs / LOG_LINES);
    if (!terminal) {
      out.printf(
          Locale.ROOT,
          "training for %d epochs on %d examples, batches of %d%n",
          epochs,
          examples,
          batchSize);
    }
  }

  @Override
  public void epochEnded(Epoch epoch) {
    if (terminal) {
      int done = epochs == 0 ? BAR : (int) ((long) BAR * epoch.number() / epochs);
      out.print(
          "\r["
              + "=".repeat(done)
              + " ".repeat(BAR - done)
              + "] "
              + epoch.number()
              + "/"
              + epochs
              + "  "
              + figures(epoch.describe()));
      out.flush();
    } else if (epoch.number() % every == 0 || epoch.number() == epochs) {
      out.println(epoch.describe());
    }
  }

  /** "loss 0.23, accuracy 91.3%" from "epoch 12: loss 0.23, accuracy 91.3%". */
  private static String figures(String line) {
    return line.substring(line.indexOf(':') + 2);
  }

  @Override
  public void finished(History history) {
    if (terminal) {
      out.println();
    } else if (history.stoppedEarly() && history.last().number() % every != 0) {
      out.println(history.last().describe()); // not printed by epochEnded
    }
    if (history.stoppedEarly()) {
      out.printf(
          Locale.ROOT,
          "stopped early after epoch %d; kept the parameters of epoch %d (lowest validation"
              + " loss)%n",
          history.last().number(),
          history.bestEpoch());
    }
  }
}
