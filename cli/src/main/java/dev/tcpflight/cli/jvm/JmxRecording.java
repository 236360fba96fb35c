package dev.tcpflight.cli.jvm;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.management.JMX;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import jdk.jfr.Configuration;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * A JFR recording in a JVM reached over JMX, through its {@code FlightRecorderMXBean}: started with the settings
 * of tcpflight.jfc (read here, sent as a map: the target cannot read a file of this machine), and its data read
 * back over the same connection into a local file, complete or absent.
 */
public final class JmxRecording implements AutoCloseable {

    /** Bytes per readStream call (the JDK's default is 50,000): fewer round trips. */
    private static final String BLOCK_SIZE = Integer.toString(1 << 20);

    private final JmxJvm jvm;
    private final FlightRecorderMXBean recorder;
    private final long id;
    private boolean closed;

    private JmxRecording(JmxJvm jvm, FlightRecorderMXBean recorder, long id) {
        this.jvm = jvm;
        this.recorder = recorder;
        this.id = id;
    }

    public static JmxRecording start(JmxJvm jvm, String name, Path settings) throws TcpflightException {
        Map<String, String> values = settings(settings);
        FlightRecorderMXBean recorder;
        try {
            recorder = JMX.newMXBeanProxy(jvm.server(), new ObjectName(FlightRecorderMXBean.MXBEAN_NAME),
                    FlightRecorderMXBean.class);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        long id;
        try {
            id = recorder.newRecording();
        } catch (RuntimeException e) {
            throw jvm.lost("creating a recording", e);
        }
        JmxRecording recording = new JmxRecording(jvm, recorder, id);
        try {
            recorder.setRecordingSettings(id, values);
            recorder.setRecordingOptions(id, Map.of("name", name, "disk", "true"));
            recorder.startRecording(id);
            return recording;
        } catch (RuntimeException e) {
            recording.close();
            throw jvm.lost("starting the recording", e);
        }
    }

    /** The settings of a .jfc file, as {@code JFR.start settings=} would take them. */
    public static Map<String, String> settings(Path jfc) throws TcpflightException {
        try {
            return Configuration.create(jfc).getSettings();
        } catch (IOException | ParseException e) {
            throw new TcpflightException("cannot read the settings " + jfc + ": " + e.getMessage(), e);
        }
    }

    /** Stops it and writes what it recorded to {@code file}: a temporary file next to it, moved into place. */
    public void stopInto(Path file) throws TcpflightException {
        Path partial = file.toAbsolutePath().resolveSibling("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            recorder.stopRecording(id);
            long stream = recorder.openStream(id, Map.of("blockSize", BLOCK_SIZE));
            try (OutputStream out = Files.newOutputStream(partial)) {
                for (byte[] block; (block = recorder.readStream(stream)) != null; ) {
                    out.write(block);
                }
            } finally {
                recorder.closeStream(stream);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TcpflightException("cannot copy the recording of the JVM at " + jvm.address() + " into " + file
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw jvm.lost("reading the recording", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // only a temporary file left behind
            }
        }
        close();
    }

    /** Closes the recording in the target (its data is discarded there) unless done already. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                recorder.closeRecording(id);
            } catch (IOException | RuntimeException e) {
                // the JVM has gone, and its recording with it
            }
        }
    }
}
