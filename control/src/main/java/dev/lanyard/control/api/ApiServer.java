package dev.lanyard.control.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;

import dev.lanyard.control.topology.ApiTcp;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP/1.1 with JSON bodies on a Unix domain socket (mode 0600, owned by root), so both the CLI and
 * {@code curl --unix-socket} can talk to a daemon; on a loopback TCP port too, only when the topology asks for one.
 * Requests are limited in size (413 beyond), idle connections are closed, and handlers run on their own threads: a
 * slow or broken client never holds up others, and nothing here runs on the switch's workers.
 */
public final class ApiServer implements AutoCloseable {
    /** The largest request body accepted. */
    public static final int MAX_BODY = 64 * 1024;
    private static final int IDLE_SECONDS = 30;
    private static final int HANDLER_THREADS = 4;
    private static final int QUEUE = 512;
    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());

    private final Path socket;
    private final MultiThreadIoEventLoopGroup io;
    private final ExecutorService handlers;
    private final Channel server;
    private final Channel tcpServer;

    private ApiServer(Path socket, MultiThreadIoEventLoopGroup io, ExecutorService handlers, Channel server,
                      Channel tcpServer) {
        this.socket = socket;
        this.io = io;
        this.handlers = handlers;
        this.server = server;
        this.tcpServer = tcpServer;
    }

    /**
     * Listens on {@code socket} (replacing a stale socket file) and, when {@code tcp} is given, on that loopback
     * address too, and serves the router's routes on both.
     */
    public static ApiServer start(Path socket, ApiTcp tcp, Router router) throws IOException {
        Files.deleteIfExists(socket);
        ThreadFactory ioThreads = r -> daemon(r, "lanyard-api-io");
        MultiThreadIoEventLoopGroup io = new MultiThreadIoEventLoopGroup(1, ioThreads, EpollIoHandler.newFactory());
        ThreadPoolExecutor handlers = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> daemon(r, "lanyard-api"), new ThreadPoolExecutor.AbortPolicy());
        ChannelInitializer<Channel> pipeline = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel c) {
                ChannelPipeline p = c.pipeline();
                p.addLast(new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
                p.addLast(new HttpServerCodec(4096, 8192, 8192));
                p.addLast(new LimitedAggregator());
                p.addLast(new Handler(router, handlers));
            }
        };
        Channel ch = null;
        String where = socket.toString();
        try {
            ch = new ServerBootstrap().group(io).channel(EpollServerDomainSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(pipeline)
                    .bind(new DomainSocketAddress(socket.toFile())).syncUninterruptibly().channel();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Channel tcpChannel = null;
            if (tcp != null) {
                where = "tcp " + tcp;
                InetAddress loopback = InetAddress.getByName(tcp.host());
                if (!loopback.isLoopbackAddress()) {
                    throw new IOException("not a loopback address");
                }
                SocketProtocolFamily family = loopback instanceof Inet6Address ? SocketProtocolFamily.INET6
                        : SocketProtocolFamily.INET;
                tcpChannel = new ServerBootstrap().group(io)
                        .channelFactory(() -> new EpollServerSocketChannel(family))
                        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .childHandler(pipeline)
                        .bind(new InetSocketAddress(loopback, tcp.port())).syncUninterruptibly().channel();
            }
            return new ApiServer(socket, io, handlers, ch, tcpChannel);
        } catch (RuntimeException | IOException e) {
            if (ch != null) {
                ch.close().syncUninterruptibly();
            }
            handlers.shutdownNow();
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
            throw new IOException("cannot serve the API on " + where + ": " + e.getMessage(), e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The socket path. */
    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        server.close().syncUninterruptibly();
        if (tcpServer != null) {
            tcpServer.close().syncUninterruptibly();
        }
        handlers.shutdownNow();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        Files.deleteIfExists(socket);
    }

    /** The aggregator, answering an oversized body with a JSON 413 and closing. */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        LimitedAggregator() {
            super(MAX_BODY);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse r = response(ApiResponse.error(413, "request body larger than " + MAX_BODY
                    + " bytes"));
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse response(ApiResponse a) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                Unpooled.wrappedBuffer(a.body()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
        return r;
    }

    private static final AttributeKey<AtomicInteger> PENDING = AttributeKey.valueOf("lanyard.pending");
    private static final AttributeKey<Boolean> INPUT_SHUT = AttributeKey.valueOf("lanyard.inputShut");

    /** Reads each request on the I/O thread, routes it on a handler thread and writes the answer. */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Router router;
        private final ExecutorService pool;

        Handler(Router router, ExecutorService pool) {
            this.router = router;
            this.pool = pool;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (req.decoderResult().isFailure()) {
                answer(ctx, ApiResponse.error(400, "malformed HTTP request: "
                        + req.decoderResult().cause().getMessage()), false);
                return;
            }
            String method = req.method().name();
            String uri = req.uri();
            byte[] body = new byte[req.content().readableBytes()];
            req.content().readBytes(body);
            AtomicInteger pending = ctx.channel().attr(PENDING).get();
            if (pending == null) {
                pending = new AtomicInteger();
                ctx.channel().attr(PENDING).set(pending);
            }
            pending.incrementAndGet();
            try {
                pool.execute(() -> answer(ctx, handle(method, uri, body), keepAlive));
            } catch (RejectedExecutionException busy) {
                answer(ctx, ApiResponse.error(503, "the daemon is busy; try again"), false);
            }
        }

        private static boolean inputShut(ChannelHandlerContext ctx) {
            return Boolean.TRUE.equals(ctx.channel().attr(INPUT_SHUT).get());
        }

        /**
         * Writes an answer. It runs on the channel's event loop, where a client's half-close is seen too: the pending
         * count goes down in the same task that queues the answer, so a half-close handled in between never finds
         * nothing pending and closes the connection before the answer is written.
         */
        private static void answer(ChannelHandlerContext ctx, ApiResponse answer, boolean keepAliveAsked) {
            if (!ctx.executor().inEventLoop()) {
                ctx.executor().execute(() -> answer(ctx, answer, keepAliveAsked));
                return;
            }
            boolean keepAlive = keepAliveAsked && !inputShut(ctx);
            AtomicInteger pending = ctx.channel().attr(PENDING).get();
            if (answer.stream() != null) {
                // A stream stays pending until it ends: a client that shuts its side down asks it to finish (its
                // totals still come in the trailers), rather than to be cut off.
                stream(ctx, answer);
                return;
            }
            if (pending != null) {
                pending.decrementAndGet();
            }
            FullHttpResponse r = response(answer);
            ChannelFuture sent;
            if (keepAlive && answer.afterSent() == null) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                sent = ctx.writeAndFlush(r);
            } else {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                sent = ctx.writeAndFlush(r);
                sent.addListener(ChannelFutureListener.CLOSE);
            }
            afterSent(sent, answer);
        }

        /** Runs the answer's follow-up once its last bytes are written, on a thread of its own. */
        private static void afterSent(ChannelFuture sent, ApiResponse answer) {
            if (answer.afterSent() != null) {
                sent.addListener(f -> {
                    Thread t = new Thread(answer.afterSent(), "lanyard-api-after");
                    t.setDaemon(false);
                    t.start();
                });
            }
        }

        private ApiResponse handle(String method, String uri, byte[] body) {
            try {
                QueryStringDecoder q = new QueryStringDecoder(uri);
                return router.route(method, q.path(), q.parameters(), body);
            } catch (ApiException e) {
                return ApiResponse.error(e.status(), e.getMessage());
            } catch (IllegalArgumentException e) {
                return ApiResponse.error(400, e.getMessage());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "API " + method + " " + uri + " failed", e);
                return ApiResponse.error(500, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        private static void stream(ChannelHandlerContext ctx, ApiResponse answer) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            HttpUtil.setTransferEncodingChunked(head, true);
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            Channel ch = ctx.channel();
            ch.writeAndFlush(head);
            LastHttpContent trailers = new DefaultLastHttpContent();
            Thread t = new Thread(() -> {
                ApiResponse.StreamSink sink = new ApiResponse.StreamSink() {
                    @Override
                    public boolean write(byte[] bytes, int offset, int length) {
                        if (!ch.isActive()) {
                            return false;
                        }
                        ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(bytes, offset, length)));
                        while (!ch.isWritable() && ch.isActive()) {
                            try {
                                Thread.sleep(1);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return false;
                            }
                        }
                        return ch.isActive();
                    }

                    @Override
                    public boolean open() {
                        return ch.isActive() && !Boolean.TRUE.equals(ch.attr(INPUT_SHUT).get());
                    }

                    @Override
                    public void trailer(String name, String value) {
                        trailers.trailingHeaders().set(name, value);
                    }
                };
                try {
                    answer.stream().run(sink);
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "API stream failed", e);
                } finally {
                    AtomicInteger pending = ch.attr(PENDING).get();
                    if (pending != null) {
                        pending.decrementAndGet();
                    }
                    if (ch.isActive()) {
                        ChannelFuture sent = ch.writeAndFlush(trailers);
                        sent.addListener(ChannelFutureListener.CLOSE);
                        afterSent(sent, answer);
                    } else if (answer.afterSent() != null) {
                        answer.afterSent().run();
                    }
                }
            }, "lanyard-api-stream");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else if (evt instanceof ChannelInputShutdownEvent) {
                // The client sent all it will (shutdown(SHUT_WR)): answer what is pending, then close.
                ctx.channel().attr(INPUT_SHUT).set(Boolean.TRUE);
                AtomicInteger pending = ctx.channel().attr(PENDING).get();
                if (pending == null || pending.get() == 0) {
                    ctx.close();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
