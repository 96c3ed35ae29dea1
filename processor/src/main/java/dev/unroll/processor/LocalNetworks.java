package dev.unroll.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@code @Network} on local and anonymous classes. javac hands processors only the
 * annotations outside method bodies, so such a class would otherwise compile without a word and
 * without a generated class. This listener looks inside method bodies once javac has analysed each
 * class.
 */
final class LocalNetworks implements TaskListener {
  private final Trees trees;

  private LocalNetworks(Trees trees) {
    this.trees = trees;
  }

  /**
   * Listens to the compilation when javac runs the processor; other compilers have no such hook,
   * and there the check is simply skipped.
   */
  static void register(ProcessingEnvironment env) {
    try {
      JavacTask.instance(env).addTaskListener(new LocalNetworks(Trees.instance(env)));
    } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
      // Not javac: nothing to hook into.
    }
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
      return;
    }
    TreePath top = trees.getPath(event.getTypeElement());
    if (top == null) {
      return;
    }
    CompilationUnitTree unit = event.getCompilationUnit();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        boolean member =
            getCurrentPath().getParentPath() == null
                || getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
                || getCurrentPath().getParentPath().getLeaf() instanceof CompilationUnitTree;
        if (!member
            && element != null
            && NetworkReader.mirror(element, NetworkReader.NETWORK) != null) {
          trees.printMessage(
              Diagnostic.Kind.ERROR,
              Problem.NETWORK_LOCAL.format(element.getSimpleName()),
              tree,
              unit);
        }
        return super.visitClass(tree, unused);
      }
    }.scan(top, null);
  }
}
