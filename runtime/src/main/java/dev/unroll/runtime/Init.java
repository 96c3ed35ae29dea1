package dev.unroll.runtime;

import java.util.Random;

/** Weight initialisation, reproducible from a seed. */
public final class Init {
  private Init() {}

  /**
   * He initialisation: every entry of W drawn from a normal distribution with mean 0 and variance 2
   * / fanIn, where fanIn is W's column count. Keeps the variance of ReLU activations roughly
   * constant from layer to layer. (The lab calls this "Xavier"; Xavier's variance is 1 / fanIn or 2
   * / (fanIn + fanOut). The formula is what matters: it is He's.)
   */
  public static void he(Matrix W, Random random) {
    double scale = Math.sqrt(2.0 / W.cols);
    for (int i = 0, n = W.size(); i < n; i++) {
      W.data[W.offset + i] = random.nextGaussian() * scale;
    }
  }
}
