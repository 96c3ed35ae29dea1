package dev.unroll.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicksTest {

  @Test
  void roundsAShortRangeOutToTenthsInStepsOfTwo() {
    // 0.93 / 5 = 0.186 rounds up to the step 0.2; the axis grows to the next multiple, 1.0.
    Scale s = Ticks.linear(0, 0.93, 5, true, 0);
    assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, s.ticks(), 0.0);
    assertEquals(0, s.lo());
    assertEquals(1.0, s.hi());
    assertArrayEquals(new String[] {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, s.labels());
  }

  @Test
  void ticksAreTheDoublesClosestToTheRoundValues() {
    // 0.1 + 0.2 is 0.30000000000000004; a tick must be exactly the literal 0.3.
    Scale s = Ticks.linear(0, 0.95, 10, true, 0);
    assertEquals(0.3, s.ticks()[3], 0.0);
    assertEquals(0.7, s.ticks()[7], 0.0);
  }

  @Test
  void picksStepsOfTwentyForAHundred() {
    Scale s = Ticks.linear(0, 100, 5, true, 0);
    assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, s.ticks(), 0.0);
    assertArrayEquals(new String[] {"0", "20", "40", "60", "80", "100"}, s.labels());
  }

  @Test
  void straddlesZeroWithStepsOfFive() {
    // 11.9 / 5 = 2.38 rounds up to 5: the multiples of 5 around [-3.7, 8.2] are -5 .. 10.
    Scale s = Ticks.linear(-3.7, 8.2, 5, true, 0);
    assertArrayEquals(new double[] {-5, 0, 5, 10}, s.ticks(), 0.0);
    assertEquals("\u22125", s.labels()[0]);
  }

  @Test
  void takesALargerStepWhenGrowingTheRangeNeedsTooManyIntervals() {
    // 0.95 / 5 = 0.19 suggests 0.2, but [0, 1.2] would be 6 intervals; 0.5 gives [0, 1.5].
    Scale s = Ticks.linear(0.1, 1.05, 5, true, 0);
    assertArrayEquals(new double[] {0, 0.5, 1.0, 1.5}, s.ticks(), 0.0);
  }

  @Test
  void keepsTheExactRangeAndLabelsTheRoundValuesInside() {
    Scale s = Ticks.linear(-2.3, 2.3, 5, false, 0);
    assertEquals(-2.3, s.lo());
    assertEquals(2.3, s.hi());
    assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, s.ticks(), 0.0);
  }

  @Test
  void aMinimumStepKeepsWholeNumberAxesWhole() {
    Scale s = Ticks.linear(1, 3, 10, true, 1);
    assertArrayEquals(new double[] {1, 2, 3}, s.ticks(), 0.0);
    assertArrayEquals(new String[] {"1", "2", "3"}, s.labels());
  }

  @Test
  void widensASingleValue() {
    Scale s = Ticks.linear(5, 5, 5, true, 0);
    assertTrue(s.lo() < 5 && s.hi() > 5, s.lo() + " .. " + s.hi());
    Scale zero = Ticks.linear(0, 0, 5, true, 0);
    assertTrue(zero.lo() < 0 && zero.hi() > 0, zero.lo() + " .. " + zero.hi());
  }

  @Test
  void tinyStepsGetAPowerOfTen() {
    Scale s = Ticks.linear(0, 9.3e-6, 5, true, 0);
    assertArrayEquals(new double[] {0, 2e-6, 4e-6, 6e-6, 8e-6, 1e-5}, s.ticks(), 1e-20);
    assertEquals("2e\u22126", s.labels()[1]);
    assertEquals("10e\u22126", s.labels()[5]);
  }

  @Test
  void logarithmicTicksUseOneTwoFiveWhenThereIsRoom() {
    Scale s = Ticks.log(0.013, 0.7, 10);
    assertArrayEquals(new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}, s.ticks(), 0.0);
    assertArrayEquals(new String[] {"0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"}, s.labels());
    assertTrue(s.log());
    assertEquals(0.5, s.fraction(Math.sqrt(0.01 * 1)), 1e-12);
  }

  @Test
  void logarithmicTicksWithinADecadeAreEveryWholeMultiple() {
    Scale s = Ticks.log(0.27, 0.63, 10);
    assertArrayEquals(new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, s.ticks(), 0.0);
    assertArrayEquals(new String[] {"0.2", "0.3", "0.4", "0.5", "0.6", "0.7"}, s.labels());
    // With room for 3 intervals only, nine ticks from 0.2 to 1 are too many: 0.2, 0.5, 1.
    assertArrayEquals(new double[] {0.2, 0.5, 1}, Ticks.log(0.2, 1, 3).ticks(), 0.0);
  }

  @Test
  void logarithmicTicksThinOutToEveryThirdDecade() {
    // Nine decades in at most 4 intervals: a stride of 3 decades.
    Scale s = Ticks.log(2e-6, 800, 4);
    assertArrayEquals(new double[] {1e-6, 1e-3, 1, 1e3}, s.ticks(), 1e-18);
    assertEquals("1e\u22126", s.labels()[0]);
    assertEquals("1000", s.labels()[3]);
  }

  @Test
  void fractionAndValueAreInverses() {
    Scale linear = Ticks.linear(-1, 3, 4, true, 0);
    Scale log = Ticks.log(0.01, 100, 4);
    for (double f : new double[] {0, 0.25, 0.5, 1}) {
      assertEquals(f, linear.fraction(linear.value(f)), 1e-12);
      assertEquals(f, log.fraction(log.value(f)), 1e-12);
    }
  }

  @Test
  void badRangesAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(2, 1, 5, true, 0));
    assertTrue(e.getMessage().contains("[2.0, 1.0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, Double.NaN, 5, true, 0));
    IllegalArgumentException log =
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 1, 5));
    assertTrue(log.getMessage().contains("positive"), log.getMessage());
  }

  @Test
  void paletteColoursAreDistinctAndTintsAreLighter() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < Palette.size(); i++) {
      Color c = Palette.color(i);
      Color t = Palette.tint(i);
      assertTrue(seen.add(c.getRGB()), "colour " + i + " repeats");
      assertNotEquals(c, t);
      assertTrue(t.getRed() >= c.getRed() && t.getGreen() >= c.getGreen(), "tint " + i);
      assertTrue(t.getBlue() >= c.getBlue(), "tint " + i);
    }
    assertEquals(Palette.color(0), Palette.color(Palette.size()));
  }
}
