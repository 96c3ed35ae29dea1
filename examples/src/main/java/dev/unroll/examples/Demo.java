package dev.unroll.examples;

import dev.unroll.examples.training.MoonsExample;
import java.io.IOException;

/**
 * What {@code mvn -Pdemo package} runs: the backprop lab replayed through generated code, then a
 * network trained on the moons data set, saved, reloaded and drawn. The pictures and the model file
 * go to the folder given as the first argument.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws IOException {
    LabDemo.main(new String[0]);
    System.out.println();
    MoonsExample.main(args);
  }
}
