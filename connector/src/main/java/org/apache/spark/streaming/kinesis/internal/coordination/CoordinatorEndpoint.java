package org.apache.spark.streaming.kinesis.internal.coordination;

import org.apache.spark.rpc.RpcCallContext;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.ThreadSafeRpcEndpoint;
import scala.Function1;
import scala.PartialFunction;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * The RPC endpoint a {@link DriverCoordinator} registers on the driver. Requests are handled one at a time, in
 * memory: nothing here blocks a Spark RPC thread on I/O.
 */
final class CoordinatorEndpoint implements ThreadSafeRpcEndpoint {

    private final RpcEnv rpcEnv;
    private final DriverCoordinator coordinator;

    CoordinatorEndpoint(RpcEnv rpcEnv, DriverCoordinator coordinator) {
        this.rpcEnv = rpcEnv;
        this.coordinator = coordinator;
    }

    @Override
    public RpcEnv rpcEnv() {
        return rpcEnv;
    }

    @Override
    public PartialFunction<Object, BoxedUnit> receiveAndReply(RpcCallContext context) {
        return new AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(Object request) {
                return CoordinatorProtocol.kind(request) != null;
            }

            @Override
            public <A1, B1> B1 applyOrElse(A1 request, Function1<A1, B1> otherwise) {
                String kind = CoordinatorProtocol.kind(request);
                if (kind == null) {
                    return otherwise.apply(request);
                }
                String[] parts = (String[]) request;
                if (CoordinatorProtocol.RECOVERABLE.equals(kind)) {
                    context.reply(CoordinatorProtocol.recoverableReply(
                            coordinator.positions().recoverable(CoordinatorProtocol.tenureIdsOf(parts))));
                } else {
                    coordinator.receiverFailed(CoordinatorProtocol.fatalMessageOf(parts),
                            CoordinatorProtocol.fatalDetailsOf(parts));
                    context.reply(new String[0]);
                }
                @SuppressWarnings("unchecked")
                B1 unit = (B1) BoxedUnit.UNIT;
                return unit;
            }
        };
    }
}
