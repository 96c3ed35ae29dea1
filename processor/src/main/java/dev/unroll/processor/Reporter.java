package dev.unroll.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** The one way the processor speaks: every diagnostic goes through here to javac. */
final class Reporter {
  private final Messager messager;
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  /** An error on an element. */
  void error(Element element, Problem problem, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, problem.format(args), element);
  }

  /** An error on one value of an annotation, so javac underlines just that value. */
  void error(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Problem problem,
      Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, problem.format(args), element, annotation, value);
  }

  /** A warning on one value of an annotation. */
  void warning(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Problem problem,
      Object... args) {
    messager.printMessage(
        Diagnostic.Kind.WARNING, problem.format(args), element, annotation, value);
  }

  /** A warning about a processor option, which belongs to no element. */
  void optionWarning(Problem problem, Object... args) {
    messager.printMessage(Diagnostic.Kind.WARNING, problem.format(args));
  }

  /** A note, shown only when the user asked for verbose output. */
  void note(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message, element);
  }

  /** Errors reported so far. */
  int errorCount() {
    return errors;
  }
}
