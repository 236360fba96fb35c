package dev.tcpflight.agent.it.programs;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.io.InputStream;
import java.util.Properties;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;

/**
 * Child program: an application that uses its own Byte Buddy (whatever version is on its class path) to make a
 * class at run time, then talks over a loopback socket; prints the Byte Buddy version and the made class's answer.
 */
public final class OwnByteBuddy {

    public static void main(String[] args) throws Exception {
        Class<?> made = new ByteBuddy().subclass(Object.class).method(named("toString"))
                .intercept(FixedValue.value("made by the application's Byte Buddy")).make()
                .load(OwnByteBuddy.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        try (InputStream pom = OwnByteBuddy.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/net.bytebuddy/byte-buddy/pom.properties")) {
            Properties properties = new Properties();
            properties.load(pom);
            System.out.println("byte buddy version=" + properties.getProperty("version"));
        }
        System.out.println(made.getDeclaredConstructor().newInstance());
        System.out.println("greeting: " + Greeter.greet());
        LoopbackEcho.main(new String[] {"127.0.0.1"});
    }
}
