package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.recording.Addresses;
import dev.tcpflight.cli.recording.TimeRef;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the options that take times, durations and hosts; bad values are usage errors. */
public final class OptionConverters {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "min", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private OptionConverters() {
    }

    /** {@code 1.5s}, {@code 250ms}, {@code 2m}, {@code 1h}, {@code 500us}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher matcher = DURATION.matcher(value.strip());
            if (!matcher.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration: give a number and a unit,"
                        + " as in 1.5s, 250ms, 2m or 1h");
            }
            BigDecimal nanos = new BigDecimal(matcher.group(1))
                    .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2))));
            return Duration.ofNanos(nanos.longValue());
        }
    }

    /** A duration since the recording's start, or an ISO-8601 instant ({@code 2025-01-31T10:15:30Z}). */
    public static final class TimeRefConverter implements ITypeConverter<TimeRef> {
        @Override
        public TimeRef convert(String value) {
            if (!value.contains("T")) {
                return TimeRef.after(new DurationConverter().convert(value));
            }
            try {
                return TimeRef.at(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is neither a duration since the start of the"
                        + " recording (1.5s) nor an ISO-8601 instant with its offset (2025-01-31T10:15:30Z)");
            }
        }
    }

    /** A host name or an IP address, and the addresses it stands for. */
    public record Host(String name, Set<String> addresses) {
    }

    /** Looks a name up (an IP address is taken as it is). */
    public static final class HostConverter implements ITypeConverter<Host> {
        @Override
        public Host convert(String value) {
            try {
                return new Host(value, Arrays.stream(InetAddress.getAllByName(value))
                        .map(address -> Addresses.canonical(address.getHostAddress()))
                        .collect(Collectors.toUnmodifiableSet()));
            } catch (UnknownHostException e) {
                throw new TypeConversionException("unknown host '" + value + "'");
            }
        }
    }
}
