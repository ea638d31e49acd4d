/**
 * Named network namespaces made the way `ip netns add` makes them (a bind mount at /run/netns/NAME on a shared
 * /run/netns), so iproute2 and Lanyard see and use the same namespaces.
 */
package dev.lanyard.control.netns;
