// Moves the log start of partitions forward, as retention or
// kafka-delete-records would (tests/integration/replay.py; run as a source
// file: java -cp "<broker libs>/*" DeleteRecords.java BOOTSTRAP TOPIC P:OFFSET...).
// The broker is fetched as jars only, without the kafka-delete-records tool.
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

public class DeleteRecords {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    Map<TopicPartition, RecordsToDelete> before = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] po = args[i].split(":");
      before.put(new TopicPartition(args[1], Integer.parseInt(po[0])), RecordsToDelete.beforeOffset(Long.parseLong(po[1])));
    }
    try (Admin admin = Admin.create(props)) {
      admin.deleteRecords(before).all().get();
    }
    System.out.println("deleted");
  }
}
