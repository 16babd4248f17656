package dev.rowpipe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the public API boundary: what users can reach ({@code dev.rowpipe.jdbc}, {@code dev.rowpipe.api}) never
 * names a type of {@code dev.rowpipe.internal} in a public signature, and {@code dev.rowpipe.api} holds only
 * interfaces, records and enums (values, no implementation).
 */
class PublicApiTest {
    private static final Path CLASSES = Path.of("target", "classes");

    private static List<Class<?>> publicTypes(String pkg) throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                if (name.equals("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(pkg + "." + name.replace('/', '.'), false,
                        PublicApiTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void publicSignaturesNameNoInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>(publicTypes("dev.rowpipe.jdbc"));
        types.addAll(publicTypes("dev.rowpipe.api"));
        assertTrue(types.size() > 10, types.toString());
        for (Class<?> c : types) {
            check(c.getName() + " extends", c.getGenericSuperclass(), leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(c.getName() + " implements", t, leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(c.getName() + "." + m.getName(), m.getGenericReturnType(), leaks);
                    checkParameters(c.getName() + "." + m.getName(), m, leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    checkParameters(c.getName() + ".<init>", k, leaks);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void apiHoldsOnlyInterfacesRecordsAndEnums() throws Exception {
        List<String> others = new ArrayList<>();
        for (Class<?> c : publicTypes("dev.rowpipe.api")) {
            if (!c.isInterface() && !c.isRecord() && !c.isEnum()) {
                others.add(c.getName());
            }
        }
        assertEquals(List.of(), others);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkParameters(String where, Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            check(where + " parameter", t, leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(where + " throws", t, leaks);
        }
    }

    private static void check(String where, Type type, List<String> leaks) {
        if (type != null && type.getTypeName().contains("dev.rowpipe.internal.")) {
            leaks.add(where + ": " + type.getTypeName());
        }
    }
}
