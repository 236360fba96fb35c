package dev.tcpflight.agent.it.programs;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Child program: one gRPC unary call over grpc-netty-shaded, gRPC's own relocated copy of Netty
 * ({@code io.grpc.netty.shaded.io.netty}), whose default transport on Linux is its native epoll. A server on
 * 127.0.0.1 answers the request bytes back; the client shuts its channel down, then the server stops.
 */
public final class GrpcShadedCall {

    public static final byte[] REQUEST = "hello grpc".getBytes();

    /** Bytes as they are: no protobuf needed for a trivial service. */
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("tcpflight.Echo/Echo")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    public static void main(String[] args) throws Exception {
        ServerServiceDefinition service = ServerServiceDefinition.builder("tcpflight.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                })).build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service)
                .build().start();
        try {
            int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                byte[] answer = ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withDeadlineAfter(
                        10, TimeUnit.SECONDS), REQUEST);
                if (!Arrays.equals(REQUEST, answer)) {
                    throw new IllegalStateException("wrong answer: " + new String(answer));
                }
            } finally {
                channel.shutdown();
                if (!channel.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the channel did not terminate");
                }
            }
        } finally {
            server.shutdown();
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not terminate");
            }
        }
    }
}
