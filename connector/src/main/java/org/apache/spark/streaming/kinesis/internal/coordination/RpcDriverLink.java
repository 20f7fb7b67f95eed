package org.apache.spark.streaming.kinesis.internal.coordination;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcTimeout;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.util.RpcUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** A {@link DriverLink} over Spark's RPC to the DStream's {@link DriverCoordinator}, looked up by name. */
public final class RpcDriverLink implements DriverLink {

    private static final Logger LOG = LoggerFactory.getLogger(RpcDriverLink.class);
    /** Long enough for a driver busy with garbage collection; a checkpoint that waits is harmless. */
    private static final long ASK_TIMEOUT_SECONDS = 30;
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final ClassTag<String[]> REPLY = ClassTag$.MODULE$.apply(String[].class);

    private final String endpointName;
    private RpcEndpointRef endpoint;
    private long lastFailureLogNanos;
    private boolean failing;

    public RpcDriverLink(String endpointName) {
        this.endpointName = endpointName;
    }

    @Override
    public Map<String, RecordPosition> recoverable(Collection<String> tenureIds) {
        if (tenureIds.isEmpty()) {
            return Map.of();
        }
        try {
            String[] reply = ask(CoordinatorProtocol.recoverableRequest(tenureIds));
            recovered();
            return CoordinatorProtocol.positionsOf(reply);
        } catch (RuntimeException e) {
            failed("ask the driver which records are safe to checkpoint", e);
            return Map.of();
        }
    }

    @Override
    public boolean reportFatal(String message, Throwable cause) {
        try {
            ask(CoordinatorProtocol.fatalRequest(message, describe(cause)));
            return true;
        } catch (RuntimeException e) {
            failed("report a fatal error to the driver", e);
            return false;
        }
    }

    private String[] ask(String[] request) {
        RpcEndpointRef target = endpoint();
        try {
            return target.askSync(request, new RpcTimeout(FiniteDuration.apply(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "the Kinesis receiver's driver ask timeout"), REPLY);
        } catch (RuntimeException e) {
            forget(target);
            throw e;
        }
    }

    private synchronized RpcEndpointRef endpoint() {
        if (endpoint == null) {
            SparkEnv env = SparkEnv.get();
            endpoint = RpcUtils.makeDriverRef(endpointName, env.conf(), env.rpcEnv());
        }
        return endpoint;
    }

    private synchronized void forget(RpcEndpointRef failed) {
        if (endpoint == failed) {
            endpoint = null;
        }
    }

    private synchronized void failed(String action, RuntimeException e) {
        long now = System.nanoTime();
        if (!failing || now - lastFailureLogNanos > FAILURE_LOG_INTERVAL_NANOS) {
            LOG.warn("Could not {} ({}); shard checkpoints wait until it answers", action, e.toString());
            lastFailureLogNanos = now;
        }
        failing = true;
    }

    private synchronized void recovered() {
        if (failing) {
            LOG.info("The driver answers again");
            failing = false;
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
