package dev.unroll.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * Unroll's annotation processor: for every class annotated with {@code @Network} it writes {@code
 * Unrolled<Name>.java} beside it.
 *
 * <p>Three steps, kept apart: {@link NetworkReader} validates the declaration and builds a {@link
 * NetworkModel}; {@link NetworkWriter} turns the model into source; this class drives them and
 * makes sure that nothing, not even a bug of ours, escapes as a compiler crash.
 *
 * <p>Option {@code -Aunroll.verbose} adds a note for each generated class.
 */
@AutoService(Processor.class)
public final class UnrollProcessor extends AbstractProcessor {
  static final String VERBOSE = "unroll.verbose";

  /** The most weights a layer may have to become scalar code under {@code Unrolling.AUTO}. */
  static final String SCALAR_LIMIT = "unroll.scalarLimit";

  /** Comma-separated ids of warnings to switch off, such as {@code stacked-sigmoid}. */
  static final String SUPPRESS = "unroll.suppress";

  /**
   * The annotation our generated classes carry. Nothing else processes it, and unclaimed it would
   * make javac warn under -Xlint:processing in the round that compiles them.
   */
  static final String GENERATED = "javax.annotation.processing.Generated";

  private final Function<NetworkModel, NetworkWriter> writers;

  /** The processor as javac finds it. */
  public UnrollProcessor() {
    this(NetworkWriter::new);
  }

  /** For tests: a processor whose writers come from {@code writers}. */
  UnrollProcessor(Function<NetworkModel, NetworkWriter> writers) {
    this.writers = writers;
  }

  private Set<String> suppressedIds = Set.of();
  private int scalarLimit = NetworkModel.DEFAULT_SCALAR_LIMIT;

  /** Generated names written so far, with the declaration each came from. */
  private final java.util.Map<String, String> generatedNames = new java.util.HashMap<>();

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
    super.init(env);
    LocalNetworks.register(env);
    // Options are read once per compilation, so a bad one is reported once, not every round.
    suppressedIds = suppressedIds();
    scalarLimit = scalarLimit(new Reporter(env.getMessager()));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(NetworkReader.NETWORK, NetworkReader.LAYER, GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(VERBOSE, SUPPRESS, SCALAR_LIMIT);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    NetworkReader reader =
        new NetworkReader(
            processingEnv.getElementUtils(),
            reporter,
            round.getRootElements(),
            suppressedIds,
            scalarLimit);
    boolean verbose = processingEnv.getOptions().containsKey(VERBOSE);

    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        try {
          if (name.equals(NetworkReader.NETWORK)) {
            generate(reader, reporter, element, verbose);
          } else if (name.equals(NetworkReader.LAYER)) {
            reader.reportOrphanLayer(element);
          }
        } catch (RuntimeException | LinkageError e) {
          reporter.error(
              element,
              Problem.UNEXPECTED,
              element.getSimpleName(),
              e.getClass().getSimpleName(),
              trace(e));
        }
      }
    }
    // Claim @Network, @Layer and @Generated: they mean nothing to any other processor, and an
    // unclaimed annotation makes javac warn under -Xlint:all, which fails builds with -Werror.
    return true;
  }

  /** The exception and where it came from, as text for the error message. */
  static String trace(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      sb.append(t == e ? "" : "Caused by: ").append(t).append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        sb.append("\tat ").append(frame).append('\n');
      }
    }
    return sb.toString();
  }

  private int scalarLimit(Reporter reporter) {
    String value = processingEnv.getOptions().get(SCALAR_LIMIT);
    if (value == null) {
      return NetworkModel.DEFAULT_SCALAR_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 0 && limit <= NetworkModel.MAX_SCALAR_WEIGHTS) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    reporter.optionWarning(Problem.OPTION_SCALAR_LIMIT, value, NetworkModel.MAX_SCALAR_WEIGHTS);
    return NetworkModel.DEFAULT_SCALAR_LIMIT;
  }

  private Set<String> suppressedIds() {
    String value = processingEnv.getOptions().get(SUPPRESS);
    Set<String> ids = new java.util.HashSet<>();
    if (value != null) {
      for (String id : value.split(",")) {
        ids.add(id.strip());
      }
    }
    return ids;
  }

  /**
   * Writes the file through the Filer, with the declaration as its originating element, and without
   * the trailing blanks JavaPoet leaves where a statement breaks after {@code =}.
   */
  private void write(JavaFile file, Element origin) throws IOException {
    String name =
        file.packageName().isEmpty()
            ? file.typeSpec().name()
            : file.packageName() + "." + file.typeSpec().name();
    JavaFileObject source = processingEnv.getFiler().createSourceFile(name, origin);
    try (Writer writer = source.openWriter()) {
      writer.write(file.toString().replaceAll("[ \\t]+\n", "\n"));
    }
  }

  private void generate(NetworkReader reader, Reporter reporter, Element element, boolean verbose) {
    long start = System.nanoTime();
    Optional<NetworkModel> model = reader.read(element);
    if (model.isEmpty()) {
      return;
    }
    NetworkModel net = model.get();
    String qualified = net.packageName() + "." + net.generatedName();
    String earlier = generatedNames.putIfAbsent(qualified, net.declaration());
    if (earlier != null) {
      reporter.error(element, Problem.NETWORK_NAME_TAKEN_TWICE, net.generatedName(), earlier);
      return;
    }
    try {
      write(writers.apply(net).file(element), element);
    } catch (IOException e) {
      reporter.error(element, Problem.WRITE_FAILED, net.generatedName(), e.getMessage());
      return;
    }
    if (verbose) {
      StringBuilder note =
          new StringBuilder("Unroll generated ")
              .append(net.generatedName())
              .append(
                  String.format(
                      java.util.Locale.ROOT, " in %.1f ms", (System.nanoTime() - start) / 1e6))
              .append(": ")
              .append(net.inputs())
              .append(" inputs, ")
              .append(NetworkWriter.lossName(net.loss()));
      for (NetworkModel.LayerModel layer : net.layers()) {
        note.append("\n  layer ")
            .append(layer.number())
            .append(" ")
            .append(layer.name())
            .append(": dense ")
            .append(layer.fanIn())
            .append(" -> ")
            .append(layer.units())
            .append(", ")
            .append(NetworkWriter.activationName(layer.activation()));
      }
      reporter.note(element, note.toString());
    }
  }
}
