package dev.unroll;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One dense layer of a {@link Network @Network}: Z = W · A_prev + b, then A = g(Z).
 *
 * <p>Annotate a non-private, non-static field of type {@code dev.unroll.runtime.Dense}; the field's
 * name becomes the layer's name and the name of its accessor on the generated class. Layers run in
 * the order their fields are declared. The field itself is never assigned: it only names the layer.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Layer {
  /** Number of units (neurons): the rows of this layer's weights W and bias b. */
  int units();

  /** The non-linearity applied after the affine step. */
  Activation activation();
}
