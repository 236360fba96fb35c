package dev.tcpflight.bench;

import java.util.List;

/** One group of figures of the table. */
abstract class Experiment {

    private final String name;

    Experiment(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    abstract List<Row> run(Launcher launcher) throws Exception;
}
