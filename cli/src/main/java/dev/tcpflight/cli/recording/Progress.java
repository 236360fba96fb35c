package dev.tcpflight.cli.recording;

import java.nio.file.Path;

/** Told how reading goes, every few thousand events, so that a long read can show that it advances. */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void update(Path file, long eventsRead) {
        }

        @Override
        public void done() {
        }
    };

    void update(Path file, long eventsRead);

    /** Reading is over (successfully or not). */
    void done();
}
