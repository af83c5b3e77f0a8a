import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

// Reads every line of the given files with Jackson's default ObjectMapper,
// once from the bytes (UTF8StreamJsonParser, what a Kafka consumer gets) and
// once from a String (ReaderBasedJsonParser): the two parsers count lengths
// differently (bytes against chars). Prints each refused line; exit 1 if any.
public class JsonReadCheck {
  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    long ok = 0, bad = 0;
    for (String file : args) {
      byte[] all = Files.readAllBytes(Paths.get(file));
      int start = 0, line = 0;
      for (int i = 0; i <= all.length; i++) {
        if (i < all.length && all[i] != '\n') continue;
        if (i == start && i == all.length) break;
        line++;
        byte[] bytes = Arrays.copyOfRange(all, start, i);
        start = i + 1;
        String why = null;
        try { mapper.readTree(bytes); } catch (Exception e) { why = "bytes: " + e.getMessage(); }
        if (why == null) {
          try { mapper.readTree(new String(bytes, StandardCharsets.UTF_8)); } catch (Exception e) { why = "string: " + e.getMessage(); }
        }
        if (why == null) { ok++; continue; }
        bad++;
        System.out.println(file + ":" + line + ": " + why.split("\n")[0]);
      }
    }
    System.out.println("jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + ": ok=" + ok + " refused=" + bad);
    System.exit(bad == 0 ? 0 : 1);
  }
}
