package io.github.sparkkinesis.examples;

/**
 * The stream an example was given does not exist: says which stream, at which endpoint, and the command that
 * creates it (the local stack's script on this machine, the AWS CLI elsewhere).
 */
final class MissingStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The shard count the suggested command creates the stream with. */
    static final int SUGGESTED_SHARDS = 2;

    MissingStreamException(String streamName, KinesisEndpoint endpoint, String regionName, Throwable cause) {
        super(message(streamName, endpoint, regionName), cause);
    }

    private static String message(String streamName, KinesisEndpoint endpoint, String regionName) {
        String missing = "Kinesis stream '" + streamName + "' does not exist at " + endpoint + " (region "
                + regionName + ").";
        if (endpoint.isLoopback()) {
            return missing + " Create it on the local stack with:\n  local-stack/bin/local-stack create-stream "
                    + streamName + " " + SUGGESTED_SHARDS;
        }
        String create = "aws kinesis create-stream --stream-name " + streamName + " --shard-count "
                + SUGGESTED_SHARDS + " --region " + regionName;
        if (!endpoint.isAws()) {
            create += " --endpoint-url " + endpoint;
        }
        return missing + " Check the stream name and the region, or create it with the AWS CLI:\n  " + create;
    }
}
