package dev.tcpflight.schema.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.EventType;
import jdk.jfr.Name;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

/** The event classes and {@link Fields} name the same fields: one cannot change without the other. */
class EventSchemaTest {

    /** Fields JFR gives every event; not the agent's to name. */
    private static final Set<String> IMPLICIT = Set.of("startTime", "duration", "eventThread", "stackTrace");

    @Test
    void everyEventFieldIsNamedInFieldsAndEveryNameIsAField() throws IllegalAccessException {
        Set<String> eventFields = new TreeSet<>();
        for (Class<? extends jdk.jfr.Event> type : TcpflightEvents.ALL) {
            EventType.getEventType(type).getFields().stream().map(ValueDescriptor::getName)
                    .filter(name -> !IMPLICIT.contains(name)).forEach(eventFields::add);
        }
        Set<String> named = new TreeSet<>();
        for (Field constant : Fields.class.getDeclaredFields()) {
            if (Modifier.isStatic(constant.getModifiers())) {
                named.add((String) constant.get(null));
            }
        }
        assertEquals(eventFields, named);
    }

    @Test
    void eventNamesAreTheClassesJfrNamesUnderTheCommonPrefix() throws ReflectiveOperationException {
        Set<String> names = new TreeSet<>();
        for (Class<? extends jdk.jfr.Event> type : TcpflightEvents.ALL) {
            String name = (String) type.getField("NAME").get(null);
            assertEquals(name, type.getAnnotation(Name.class).value(), type.getName());
            assertEquals(name, EventType.getEventType(type).getName());
            assertTrue(name.startsWith(TcpflightEvents.PREFIX), name);
            names.add(name);
        }
        assertEquals(TcpflightEvents.ALL.size(), names.size(), "distinct names: " + names);
    }
}
