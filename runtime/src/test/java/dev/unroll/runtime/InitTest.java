package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Protects {@link Init#he}: the same seed gives the same weights, and the weights have mean 0 and
 * variance 2 / fanIn, where fanIn is the number of columns.
 */
class InitTest {

  @Test
  void heIsDeterministicForASeed() {
    Matrix first = Matrix.zeros(4, 3);
    Matrix second = Matrix.zeros(4, 3);
    Init.he(first, new Random(99));
    Init.he(second, new Random(99));
    assertEquals(first, second);

    Matrix other = Matrix.zeros(4, 3);
    Init.he(other, new Random(100));
    assertNotEquals(first, other);
  }

  @Test
  void heHasMeanZeroAndVarianceTwoOverFanIn() {
    int fanIn = 50;
    Matrix w = Matrix.zeros(400, fanIn); // 20 000 draws
    Init.he(w, new Random(7));

    double[] values = w.toFlatArray();
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean);
    }
    variance /= values.length - 1;

    // Var = 2 / 50 = 0.04, sd 0.2. The mean's standard error is 0.2 / √20000 ≈ 0.0014 and the
    // variance's is 0.04 · √(2 / 20000) ≈ 0.0004, so these bounds are about 7 and 10 of them.
    double expected = 2.0 / fanIn;
    assertEquals(0, mean, 0.01, "mean");
    assertEquals(expected, variance, 0.1 * expected, "variance");
    // Clearly not 1 / fanIn (Xavier) nor 1.
    assertTrue(variance > 1.5 / fanIn, "variance " + variance);
  }

  @Test
  void heWritesOnlyInsideAView() {
    double[] data = new double[10];
    Matrix w = Matrix.view(data, 2, 2, 3); // entries 2..7
    Init.he(w, new Random(1));

    assertEquals(0, data[0]);
    assertEquals(0, data[1]);
    assertEquals(0, data[8]);
    assertEquals(0, data[9]);
    for (int i = 2; i < 8; i++) {
      assertNotEquals(0, data[i], "entry " + i);
    }
    Matrix owned = Matrix.zeros(2, 3);
    Init.he(owned, new Random(1));
    assertArrayEquals(owned.toFlatArray(), w.toFlatArray(), 0.0);
  }
}
