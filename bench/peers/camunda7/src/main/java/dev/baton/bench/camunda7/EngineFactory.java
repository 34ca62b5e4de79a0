package dev.baton.bench.camunda7;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;

/**
 * Builds a fresh standalone engine for one scenario, configured in code (no camunda.cfg.xml) and
 * as close to Camunda's own defaults as the comparison allows; every departure says why.
 */
final class EngineFactory {
  /**
   * Connections for threads other than the starters and workers: the job executor's pool (at most
   * 10 threads by default) and its acquisition thread, the metrics reporter, the main thread.
   */
  private static final int OTHER_CONNECTIONS = 16;

  private EngineFactory() {}

  static ProcessEngine build(Options options, Scenario scenario, int starterThreads, CompletionListener listener)
      throws SQLException {
    ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("baton-bench-" + scenario.letter());

    if (options.database() == Options.Database.H2) {
      // A database of its own per scenario (fresh, as the brief of each scenario wants); dropped on close.
      configuration.setJdbcUrl("jdbc:h2:mem:camunda7-" + scenario.letter() + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      configuration.setJdbcDriver("org.h2.Driver");
      configuration.setJdbcUsername("sa");
      configuration.setJdbcPassword("");
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    } else {
      // Whatever an earlier (perhaps killed) run left behind goes first, then Camunda creates its tables.
      PostgresReset.dropCamundaTables(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
      configuration.setJdbcUrl(options.jdbcUrl());
      configuration.setJdbcDriver("org.postgresql.Driver");
      configuration.setJdbcUsername(options.jdbcUser());
      configuration.setJdbcPassword(options.jdbcPassword());
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    }
    // MyBatis's pool defaults to 10 connections, fewer than the threads that use the engine here:
    // starters and workers would queue for a connection and the pool, not the engine, would be measured.
    int connections = starterThreads + Workers.threadCount(scenario, options) + OTHER_CONNECTIONS;
    configuration.setJdbcMaxActiveConnections(connections);
    configuration.setJdbcMaxIdleConnections(connections);

    configuration.setHistory(options.history());
    // On, as in any real deployment, though these processes have no asynchronous continuations.
    configuration.setJobExecutorActivate(true);
    // Nothing to clean in a run of minutes, and its job would only add noise.
    configuration.setHistoryCleanupEnabled(false);
    // Camunda's recommendation for concurrent load (and the default of its Spring Boot starter and
    // Run distribution): the standalone default takes id blocks from one database row, which
    // concurrent transactions fight over.
    configuration.setIdGenerator(new StrongUuidGenerator());
    // Camunda 7.24 sends no telemetry (its reporter is gone since 7.22; the diagnostics it still
    // collects stay in memory), so there is nothing to switch off here.

    List<org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin> plugins = new ArrayList<>();
    plugins.add(new CompletionPlugin(listener));
    configuration.setProcessEnginePlugins(plugins);
    return configuration.buildProcessEngine();
  }
}
