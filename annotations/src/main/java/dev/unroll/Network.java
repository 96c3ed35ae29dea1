package dev.unroll;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a fully connected feed-forward network; Unroll's annotation processor writes its forward
 * pass, backpropagation and gradient check as plain Java at compile time.
 *
 * <p>Put it on a top-level class (public or package-private, plain or abstract) whose {@link
 * Layer @Layer} fields list the layers in order, input side first:
 *
 * <pre>{@code
 * @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
 * class Lab {
 *   @Layer(units = 3, activation = Activation.RELU) Dense hidden;
 *   @Layer(units = 1, activation = Activation.SIGMOID) Dense output;
 * }
 * }</pre>
 *
 * <p>The processor generates {@code UnrolledLab} in the same package: a final class with a
 * constructor taking a {@code long} seed, implementing {@code dev.unroll.runtime.Model}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
  /** Number of input features: the rows of the input matrix X, one column per example. */
  int inputs();

  /** The cost that {@code cost} reports and {@code backward} differentiates. */
  Loss loss();

  /** Scalar code or the runtime kernel for each layer; by default chosen by layer size. */
  Unrolling unrolling() default Unrolling.AUTO;
}
