package io.tripline.respond.engine;

import org.apache.kafka.clients.admin.Admin;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.tripline.core.topic.TopicCreator;
import io.tripline.respond.config.KafkaConfig;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.ledger.KafkaLedger;
import io.tripline.respond.playbook.PlaybookLoader;
import io.tripline.respond.playbook.Playbooks;
import jakarta.inject.Singleton;

/**
 * The beans that need building rather than injecting: the playbooks (loaded and validated when the
 * context starts, so a bad playbook stops the service) and the Kafka ledger (topics ensured, ledger
 * and audit read to their end before anything consults it).
 */
@Factory
public class BeansFactory {

    @io.micronaut.context.annotation.Context
    Playbooks playbooks(RespondConfig config) {
        return new Playbooks(PlaybookLoader.load(config.getPlaybooks()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    KafkaLedger ledger(KafkaConfig kafka, RespondConfig config) {
        try (Admin admin = Admin.create(KafkaSupport.clientConfig(kafka))) {
            new TopicCreator(admin, kafka.getReplicationFactor()).ensure(KafkaSupport.TOPICS, config.getTopicPrefix());
        }
        return new KafkaLedger(KafkaSupport.clientConfig(kafka), KafkaSupport.serdeConfig(kafka), config.getTopicPrefix(),
                kafka.getTransactionalId());
    }
}
