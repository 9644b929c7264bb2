package dev.infrajunit.engine.descriptor;

import java.lang.reflect.AnnotatedElement;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestTag;

/** The JUnit annotations users already know, read the way Jupiter reads them. */
final class JupiterAnnotations {

    private JupiterAnnotations() {
    }

    static Optional<String> displayName(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, DisplayName.class)
                .map(DisplayName::value)
                .map(String::strip)
                .filter(name -> !name.isEmpty());
    }

    static Set<TestTag> tags(AnnotatedElement element) {
        Set<TestTag> tags = new LinkedHashSet<>();
        for (Tag tag : AnnotationSupport.findRepeatableAnnotations(element, Tag.class)) {
            if (TestTag.isValid(tag.value())) {
                tags.add(TestTag.create(tag.value().strip()));
            }
        }
        return tags;
    }

    /** Why the element is disabled, when it is. */
    static Optional<String> disabledReason(AnnotatedElement element, String what) {
        return AnnotationSupport.findAnnotation(element, Disabled.class)
                .map(disabled -> disabled.value().isBlank() ? what + " is @Disabled" : disabled.value());
    }
}
