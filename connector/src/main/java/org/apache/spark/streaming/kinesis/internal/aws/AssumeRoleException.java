package org.apache.spark.streaming.kinesis.internal.aws;

/**
 * Assuming an IAM role through STS failed, so the call that needed the role's credentials could not be made. It
 * names the role and the STS endpoint; STS's own error is the cause. Without it, an unreachable STS reads as an
 * unreachable Kinesis: the AWS SDK reports the credentials' failure as the failure of the Kinesis call.
 */
public final class AssumeRoleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String roleArn;
    private final String stsEndpoint;

    public AssumeRoleException(String roleArn, String stsEndpoint, RuntimeException cause) {
        super("Could not assume role " + roleArn + " through STS at " + stsEndpoint + ": " + cause.getMessage(),
                cause);
        this.roleArn = roleArn;
        this.stsEndpoint = stsEndpoint;
    }

    public String roleArn() {
        return roleArn;
    }

    /** The STS endpoint the AssumeRole calls went to. */
    public String stsEndpoint() {
        return stsEndpoint;
    }
}
