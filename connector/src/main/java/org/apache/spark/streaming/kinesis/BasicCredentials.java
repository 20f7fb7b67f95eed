package org.apache.spark.streaming.kinesis;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A fixed access key id and secret key. The secret never appears in {@link #toString()} or in errors. */
final class BasicCredentials implements SparkAWSCredentials {
    private static final long serialVersionUID = 1L;
    private static final int VISIBLE_KEY_ID_CHARS = 4;

    private final String accessKeyId;
    private final String secretKey;

    BasicCredentials(String accessKeyId, String secretKey) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
    }

    BasicCredentials validated() {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("basicCredentials: the access key id is null or blank");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("basicCredentials: the secret key for access key id "
                    + maskedAccessKeyId() + " is null or blank");
        }
        return this;
    }

    @Override
    public AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey));
    }

    String maskedAccessKeyId() {
        if (accessKeyId == null || accessKeyId.length() <= 2 * VISIBLE_KEY_ID_CHARS) {
            return "****";
        }
        return accessKeyId.substring(0, VISIBLE_KEY_ID_CHARS) + "****"
                + accessKeyId.substring(accessKeyId.length() - VISIBLE_KEY_ID_CHARS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BasicCredentials that
                && Objects.equals(accessKeyId, that.accessKeyId)
                && Objects.equals(secretKey, that.secretKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, secretKey);
    }

    @Override
    public String toString() {
        return "BasicCredentials(accessKeyId=" + maskedAccessKeyId() + ", secretKey=****)";
    }
}
