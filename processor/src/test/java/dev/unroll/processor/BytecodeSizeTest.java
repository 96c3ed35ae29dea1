package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * HotSpot never JIT-compiles a method of more than 8000 bytes of bytecode (it stays interpreted, a
 * hundred times slower), and the class-file format caps a method at 64 KB. Scalar code grows with a
 * layer's weights, so the largest layers it may hold must still give small methods.
 */
class BytecodeSizeTest {
  private static final int HUGE_METHOD_LIMIT = 8000;

  @Test
  void everyGeneratedMethodStaysBelowTheJitLimitAtTheLargestScalarLayers() throws IOException {
    int side = (int) Math.sqrt(NetworkModel.MAX_SCALAR_WEIGHTS);
    JavaFileObject source =
        Sources.demo(
            "Largest",
            "@Network(inputs = " + side + ", loss = Loss.MEAN_SQUARED_ERROR,",
            "    unrolling = Unrolling.SCALAR)",
            "class Largest {",
            "  @Layer(units = " + side + ", activation = Activation.RELU) Dense a;",
            "  @Layer(units = " + side + ", activation = Activation.SIGMOID) Dense b;",
            "  @Layer(units = " + side + ", activation = Activation.TANH) Dense c;",
            "}");
    Compilation compilation = Sources.compiler().compile(source);
    assertThat(compilation).succeededWithoutWarnings();

    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS
          && file.getName().contains("UnrolledLargest")) {
        try (InputStream in = file.openInputStream()) {
          sizes.putAll(codeLengths(new DataInputStream(in)));
        }
      }
    }
    assertFalse(sizes.isEmpty());
    assertTrue(sizes.containsKey("backward2"), sizes.toString());
    sizes.forEach(
        (method, size) ->
            assertTrue(
                size < HUGE_METHOD_LIMIT,
                method + " has " + size + " bytes of bytecode; all: " + sizes));
  }

  /** Method name to the length of its code, read from a class file. */
  private static Map<String, Integer> codeLengths(DataInputStream in) throws IOException {
    in.readInt(); // magic
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1:
          utf8[i] = in.readUTF();
          break;
        case 5: // long
        case 6: // double: two slots
          in.readLong();
          i++;
          break;
        case 3: // int
        case 4: // float
        case 9: // field ref
        case 10: // method ref
        case 11: // interface method ref
        case 12: // name and type
        case 17: // dynamic
        case 18: // invoke dynamic
          in.readInt();
          break;
        case 15: // method handle
          in.readUnsignedByte();
          in.readUnsignedShort();
          break;
        default: // 7 class, 8 string, 16 method type, 19 module, 20 package
          in.readUnsignedShort();
      }
    }
    in.readUnsignedShort(); // access
    in.readUnsignedShort(); // this
    in.readUnsignedShort(); // super
    in.skipBytes(2 * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int f = 0; f < fields; f++) {
      in.skipBytes(6);
      skipAttributes(in);
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int methods = in.readUnsignedShort();
    for (int m = 0; m < methods; m++) {
      in.readUnsignedShort();
      String name = utf8[in.readUnsignedShort()];
      in.readUnsignedShort();
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = utf8[in.readUnsignedShort()];
        int length = in.readInt();
        if (attribute.equals("Code")) {
          in.readUnsignedShort(); // max stack
          in.readUnsignedShort(); // max locals
          int code = in.readInt();
          sizes.merge(name, code, Math::max);
          in.skipBytes(length - 8);
        } else {
          in.skipBytes(length);
        }
      }
    }
    return sizes;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
