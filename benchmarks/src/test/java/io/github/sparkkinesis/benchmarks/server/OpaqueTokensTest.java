package io.github.sparkkinesis.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpaqueTokensTest {

    @Test
    void roundTripsAPosition() {
        String token = OpaqueTokens.encode(OpaqueTokens.Kind.SHARD_ITERATOR, "orders-é", 17, 123_456_789_012L);
        assertThat(OpaqueTokens.decode(OpaqueTokens.Kind.SHARD_ITERATOR, token))
                .isEqualTo(new OpaqueTokens.Position("orders-é", 17, 123_456_789_012L));
    }

    @Test
    void doesNotAcceptATokenOfAnotherKindOrGarbage() {
        String pageToken = OpaqueTokens.encode(OpaqueTokens.Kind.LIST_SHARDS, "orders", 2, 0);
        assertThat(OpaqueTokens.decode(OpaqueTokens.Kind.SHARD_ITERATOR, pageToken)).isNull();
        assertThat(OpaqueTokens.decode(OpaqueTokens.Kind.SHARD_ITERATOR, "not base64 at all!")).isNull();
        assertThat(OpaqueTokens.decode(OpaqueTokens.Kind.SHARD_ITERATOR, "AAAA")).isNull();
    }
}
