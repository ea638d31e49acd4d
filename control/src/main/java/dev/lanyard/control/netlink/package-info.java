/**
 * Links, addresses and routes over rtnetlink (NETLINK_ROUTE): {@link dev.lanyard.control.netlink.RtNetlink} for
 * requests in one namespace, {@link dev.lanyard.control.netlink.LinkMonitor} for link notifications. Requests are
 * encoded by small builders and answers read by a parser that turns malformed input into
 * {@link dev.lanyard.control.netlink.NetlinkProtocolException}; refusals carry the kernel's extended-ACK text in
 * {@link dev.lanyard.control.netlink.NetlinkException}. {@code ip} is used only as a test peer.
 */
package dev.lanyard.control.netlink;
