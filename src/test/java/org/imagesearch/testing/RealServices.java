package org.imagesearch.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit extension that hands {@link TestServices} to test constructors and methods. */
public final class RealServices implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return TestServices.get(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test services: " + e.getMessage(), e);
        }
    }
}
