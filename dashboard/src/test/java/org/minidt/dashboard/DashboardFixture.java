package org.minidt.dashboard;

import org.minidt.common.TopicSetup;
import org.minidt.embedded.EmbeddedKafka;

/** An in-process broker with the project's topics, a writer for minidt.results, and a dashboard once started. */
final class DashboardFixture implements AutoCloseable {
    final EmbeddedKafka kafka;
    final ResultsTopic results;
    Dashboard dashboard;

    DashboardFixture() throws Exception {
        kafka = EmbeddedKafka.start();
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        results = new ResultsTopic(kafka.bootstrapServers());
    }

    /** Starts the dashboard on a free port with default settings. */
    Dashboard startDashboard() {
        dashboard = new Dashboard(DashboardConfig.defaults(kafka.bootstrapServers(), "127.0.0.1", 0)).start();
        return dashboard;
    }

    @Override
    public void close() throws Exception {
        if (dashboard != null) {
            dashboard.close();
        }
        results.close();
        kafka.close();
    }
}
