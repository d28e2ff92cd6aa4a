package io.tripline.stack.process;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a service started as a child JVM by the demo: watches the parent, then runs the
 * service's own main class ({@code ChildMain <main class> <args...>}).
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ChildMain <main class> [args...]");
            System.exit(2);
        }
        ParentWatchdog.startFromSystemProperty();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
