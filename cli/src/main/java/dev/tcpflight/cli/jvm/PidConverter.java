package dev.tcpflight.cli.jvm;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The PID argument of attach, record and watch: a positive number; anything else is a usage error. */
public final class PidConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        long pid;
        try {
            pid = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a process id (see tcpflight list)");
        }
        if (pid < 1) {
            throw new TypeConversionException("'" + value + "' is not a process id: a process id is 1 or more");
        }
        return pid;
    }
}
