/*
 * dhcp: the packet side of the DHCP client (RFC 2131/2132), pure code
 * shared by user/cmd/dhcpc.c and tests/unit/test_dhcp.c.
 *
 *   dhcp_build(buf, size, type, xid, mac, requested, server)
 *       a BOOTREQUEST of message type DHCPDISCOVER or DHCPREQUEST with the
 *       broadcast flag, our MAC as chaddr and client identifier, a
 *       parameter request list (subnet mask, router, DNS, lease time,
 *       server id) and, when non-zero, options 50 (requested address) and
 *       54 (server identifier); padded to the 300-byte BOOTP minimum. The
 *       length, or 0 if size is too small.
 *   dhcp_parse(pkt, len, xid, mac, lease)
 *       checks a BOOTREPLY against our xid and MAC and the magic cookie,
 *       walks the options with bounds checks, and fills lease. The DHCP
 *       message type (DHCP_OFFER, DHCP_ACK, DHCP_NAK, ...), or -1 if the
 *       packet is not a valid reply to us.
 *   dhcp_build_renew(buf, size, xid, mac, ciaddr)
 *       the DHCPREQUEST of a client that holds a lease (RFC 2131 4.3.2,
 *       RENEWING and REBINDING): ciaddr set, no broadcast flag, no options
 *       50 and 54. dhcpc sends it unicast to the server at T1 and
 *       broadcast at T2. The length, or 0 if size is too small.
 *   dhcp_timer_start(t, lease, now_us)
 *       the lease's timers from now (RFC 2131 4.4.5): T1 from option 58,
 *       else half the lease; T2 from option 59, else 7/8 of it (a 58 or
 *       59 beyond the lease is ignored, and both if T1 > T2); no lease
 *       time or 0xffffffff: infinite (never renewed).
 *   dhcp_timer_state(t, now_us)
 *       DHCP_BOUND before T1, DHCP_RENEWING before T2, DHCP_REBINDING
 *       before expiry, DHCP_EXPIRED after.
 *   dhcp_timer_next(t, now_us, last_send_us)
 *       when the client must next act: T1 while bound; while renewing
 *       (rebinding) the next retransmission, half the time left to T2
 *       (expiry) after the last send but at least 60 s, and never later
 *       than T2 (expiry); INT64_MAX for an infinite lease.
 *   dhcp_conf_parse(text, conf)
 *       /etc/network.conf (docs/net-tools.md): "address A", "netmask M",
 *       "gateway G", "nameserver N" (up to 3) lines, '#' comments. 0, or
 *       -1 if there is no address line or a value is not a dotted quad.
 */
#ifndef DHCP_H
#define DHCP_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_DISCOVER 1
#define DHCP_OFFER 2
#define DHCP_REQUEST 3
#define DHCP_DECLINE 4
#define DHCP_ACK 5
#define DHCP_NAK 6

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define DHCP_MIN_LEN 300
#define DHCP_MAX_LEN 576
#define DHCP_MAX_DNS 3

/* What a reply offers (or what network.conf says); 0.0.0.0 when absent. */
struct dhcp_lease {
	struct in_addr addr;		/* yiaddr / "address" */
	struct in_addr netmask;		/* option 1 */
	struct in_addr router;		/* option 3, the first */
	struct in_addr server_id;	/* option 54 */
	struct in_addr dns[DHCP_MAX_DNS];	/* option 6 */
	int ndns;
	uint32_t lease_secs;		/* option 51; 0 if absent */
	uint32_t renew_secs;		/* option 58 (T1); 0 if absent */
	uint32_t rebind_secs;		/* option 59 (T2); 0 if absent */
};

/* Where a bound client is in its lease (dhcp_timer_state). */
enum dhcp_state { DHCP_BOUND, DHCP_RENEWING, DHCP_REBINDING, DHCP_EXPIRED };

#define DHCP_INFINITE 0xffffffffu
#define DHCP_RETRANSMIT_MIN_US (60 * 1000000LL)	/* RFC 2131 4.4.5: 60 s */

/* A lease's timers, absolute CLOCK_MONOTONIC microseconds. */
struct dhcp_timer {
	int64_t start_us;	/* when the ACK came */
	int64_t t1_us, t2_us, expiry_us;
	int infinite;		/* no renewal, no expiry */
};

size_t dhcp_build(uint8_t *buf, size_t size, int type, uint32_t xid, const uint8_t mac[6],
		  struct in_addr requested, struct in_addr server);
int dhcp_parse(const uint8_t *pkt, size_t len, uint32_t xid, const uint8_t mac[6],
	       struct dhcp_lease *lease);
size_t dhcp_build_renew(uint8_t *buf, size_t size, uint32_t xid, const uint8_t mac[6],
			struct in_addr ciaddr);
void dhcp_timer_start(struct dhcp_timer *t, const struct dhcp_lease *lease, int64_t now_us);
enum dhcp_state dhcp_timer_state(const struct dhcp_timer *t, int64_t now_us);
int64_t dhcp_timer_next(const struct dhcp_timer *t, int64_t now_us, int64_t last_send_us);
int dhcp_conf_parse(const char *text, struct dhcp_lease *conf);

#endif
