package io.churnwatch.devstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lets test methods, constructors and lifecycle methods take {@link KafkaCluster},
 * {@link ElasticsearchCluster} or {@link DevStack} parameters. See {@link DevStackExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DevStackExtension.class)
public @interface WithDevStack {}
