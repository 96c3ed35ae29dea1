/**
 * PNG charts for training: learning curves ({@link dev.unroll.plot.LearningCurve}), any y against x
 * ({@link dev.unroll.plot.LineChart}) and the decision regions of a classifier with two inputs
 * ({@link dev.unroll.plot.DecisionRegions}).
 *
 * <p>Charts are drawn with the JDK's own java.awt and written with javax.imageio, so they need no
 * library and no display: they work on a build server or in a test with {@code
 * -Djava.awt.headless=true}. Each chart is a small builder; {@code toImage(width, height)} returns
 * the picture and {@code writePng(file, width, height)} saves it.
 *
 * <p>All charts share one look: white background, the "SansSerif" font, light grid lines at round
 * tick values (1, 2 or 5 times a power of ten), axis titles, a title, and the Okabe-Ito colours,
 * which readers with colour-vision deficiencies can tell apart. Drawing is deterministic and the
 * PNG files carry no time stamp, so the same input writes the same bytes, and charts can be
 * compared or kept under version control.
 */
package dev.unroll.plot;
