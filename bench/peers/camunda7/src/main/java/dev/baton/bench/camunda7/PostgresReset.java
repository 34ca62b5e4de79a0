package dev.baton.bench.camunda7;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops Camunda's tables (act_*) from the current schema, so that every scenario starts on an
 * empty database whatever an earlier run left (a killed run leaves instances, a run of another
 * Camunda version another schema). Only Camunda's tables: the database may hold other things.
 */
final class PostgresReset {
  private PostgresReset() {}

  static void dropCamundaTables(String url, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "select tablename from pg_tables where schemaname = current_schema() and tablename like 'act\\_%'")) {
        while (rows.next()) tables.add('"' + rows.getString(1).replace("\"", "\"\"") + '"');
      }
      if (!tables.isEmpty()) statement.execute("drop table " + String.join(", ", tables) + " cascade");
    }
  }
}
