/*
 * dhcp: DHCP message building and parsing (RFC 2131 section 2, RFC 2132
 * options) and the lease timers (RFC 2131 4.4.5); interface in dhcp.h. No
 * I/O and no clock here: dhcpc does the sockets and passes the time in.
 *
 * Layout of a message: a 236-byte fixed part (op, htype, hlen, hops, xid,
 * secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr[16], sname[64],
 * file[128]), the magic cookie 99.130.83.99, then options as
 * code/length/value up to code 255. Every option read checks that its
 * length fits in the packet.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "dhcp.h"

#define OFF_XID 4
#define OFF_FLAGS 10
#define OFF_CIADDR 12
#define OFF_YIADDR 16
#define OFF_CHADDR 28
#define OFF_COOKIE 236
#define OFF_OPTIONS 240

enum {
	OPT_PAD = 0, OPT_NETMASK = 1, OPT_ROUTER = 3, OPT_DNS = 6, OPT_REQ_ADDR = 50,
	OPT_LEASE = 51, OPT_OVERLOAD = 52, OPT_MSG_TYPE = 53, OPT_SERVER_ID = 54,
	OPT_PARAMS = 55, OPT_RENEW = 58, OPT_REBIND = 59, OPT_CLIENT_ID = 61, OPT_END = 255,
};

static const uint8_t cookie[4] = { 99, 130, 83, 99 };

static size_t put_opt(uint8_t *p, uint8_t code, const void *val, uint8_t len)
{
	p[0] = code;
	p[1] = len;
	memcpy(p + 2, val, len);
	return 2u + len;
}

/*
 * A BOOTREQUEST of type with ciaddr, the broadcast flag if broadcast, and
 * options 50/54 when requested/server are non-zero. The length or 0.
 */
static size_t build(uint8_t *buf, size_t size, int type, uint32_t xid, const uint8_t mac[6],
		    struct in_addr ciaddr, int broadcast, struct in_addr requested,
		    struct in_addr server)
{
	static const uint8_t params[] = { OPT_NETMASK, OPT_ROUTER, OPT_DNS, OPT_LEASE,
					  OPT_SERVER_ID, OPT_RENEW, OPT_REBIND };
	uint8_t t = (uint8_t)type, cid[7] = { 1 };
	size_t n = OFF_OPTIONS;

	if (size < DHCP_MIN_LEN)
		return 0;
	memset(buf, 0, DHCP_MIN_LEN);
	buf[0] = 1;		/* BOOTREQUEST */
	buf[1] = 1;		/* Ethernet */
	buf[2] = 6;
	xid = htonl(xid);
	memcpy(buf + OFF_XID, &xid, 4);
	if (broadcast)
		buf[OFF_FLAGS] = 0x80;
	memcpy(buf + OFF_CIADDR, &ciaddr, 4);
	memcpy(buf + OFF_CHADDR, mac, 6);
	memcpy(buf + OFF_COOKIE, cookie, 4);
	n += put_opt(buf + n, OPT_MSG_TYPE, &t, 1);
	memcpy(cid + 1, mac, 6);
	n += put_opt(buf + n, OPT_CLIENT_ID, cid, sizeof(cid));
	n += put_opt(buf + n, OPT_PARAMS, params, sizeof(params));
	if (requested.s_addr)
		n += put_opt(buf + n, OPT_REQ_ADDR, &requested, 4);
	if (server.s_addr)
		n += put_opt(buf + n, OPT_SERVER_ID, &server, 4);
	buf[n++] = OPT_END;
	return n < DHCP_MIN_LEN ? DHCP_MIN_LEN : n;
}

size_t dhcp_build(uint8_t *buf, size_t size, int type, uint32_t xid, const uint8_t mac[6],
		  struct in_addr requested, struct in_addr server)
{
	struct in_addr none = { 0 };

	/* broadcast: we cannot take unicast before we have an address */
	return build(buf, size, type, xid, mac, none, 1, requested, server);
}

size_t dhcp_build_renew(uint8_t *buf, size_t size, uint32_t xid, const uint8_t mac[6],
			struct in_addr ciaddr)
{
	struct in_addr none = { 0 };

	return build(buf, size, DHCP_REQUEST, xid, mac, ciaddr, 0, none, none);
}

/* ------------------------------------------------------------ lease timers */

void dhcp_timer_start(struct dhcp_timer *t, const struct dhcp_lease *l, int64_t now_us)
{
	int64_t lease = l->lease_secs, t1 = lease / 2, t2 = lease * 7 / 8;

	memset(t, 0, sizeof(*t));
	t->start_us = now_us;
	if (!l->lease_secs || l->lease_secs == DHCP_INFINITE) {
		t->infinite = 1;
		t->t1_us = t->t2_us = t->expiry_us = INT64_MAX;
		return;
	}
	if (l->renew_secs && l->renew_secs <= l->lease_secs)
		t1 = l->renew_secs;
	if (l->rebind_secs && l->rebind_secs <= l->lease_secs)
		t2 = l->rebind_secs;
	if (t1 > t2) {   /* inconsistent options: RFC 2131's defaults */
		t1 = lease / 2;
		t2 = lease * 7 / 8;
	}
	t->t1_us = now_us + t1 * 1000000;
	t->t2_us = now_us + t2 * 1000000;
	t->expiry_us = now_us + lease * 1000000;
}

enum dhcp_state dhcp_timer_state(const struct dhcp_timer *t, int64_t now_us)
{
	if (t->infinite || now_us < t->t1_us)
		return DHCP_BOUND;
	if (now_us < t->t2_us)
		return DHCP_RENEWING;
	if (now_us < t->expiry_us)
		return DHCP_REBINDING;
	return DHCP_EXPIRED;
}

int64_t dhcp_timer_next(const struct dhcp_timer *t, int64_t now_us, int64_t last_send_us)
{
	int64_t limit, wait;

	switch (dhcp_timer_state(t, now_us)) {
	case DHCP_BOUND:
		return t->infinite ? INT64_MAX : t->t1_us;
	case DHCP_RENEWING:
		limit = t->t2_us;
		break;
	case DHCP_REBINDING:
		limit = t->expiry_us;
		break;
	default:
		return now_us;
	}
	wait = (limit - last_send_us) / 2;
	if (wait < DHCP_RETRANSMIT_MIN_US)
		wait = DHCP_RETRANSMIT_MIN_US;
	return last_send_us + wait < limit ? last_send_us + wait : limit;
}

/* Take one option into the lease; the message type if it is option 53. */
static int take_opt(uint8_t code, const uint8_t *v, uint8_t len, struct dhcp_lease *l, int type)
{
	switch (code) {
	case OPT_MSG_TYPE:
		return len == 1 ? v[0] : -1;
	case OPT_NETMASK:
		if (len == 4)
			memcpy(&l->netmask, v, 4);
		break;
	case OPT_ROUTER:
		if (len >= 4 && len % 4 == 0)
			memcpy(&l->router, v, 4);
		break;
	case OPT_SERVER_ID:
		if (len == 4)
			memcpy(&l->server_id, v, 4);
		break;
	case OPT_LEASE:
		if (len == 4) {
			uint32_t s;
			memcpy(&s, v, 4);
			l->lease_secs = ntohl(s);
		}
		break;
	case OPT_RENEW:
	case OPT_REBIND:
		if (len == 4) {
			uint32_t s;
			memcpy(&s, v, 4);
			*(code == OPT_RENEW ? &l->renew_secs : &l->rebind_secs) = ntohl(s);
		}
		break;
	case OPT_DNS:
		for (int i = 0; len % 4 == 0 && i < len / 4 && l->ndns < DHCP_MAX_DNS; i++)
			memcpy(&l->dns[l->ndns++], v + 4 * i, 4);
		break;
	}
	return type;
}

int dhcp_parse(const uint8_t *pkt, size_t len, uint32_t xid, const uint8_t mac[6],
	       struct dhcp_lease *lease)
{
	size_t pos = OFF_OPTIONS;
	int type = 0;

	memset(lease, 0, sizeof(*lease));
	if (len < OFF_OPTIONS || pkt[0] != 2 || pkt[1] != 1 || pkt[2] != 6)
		return -1;
	xid = htonl(xid);
	if (memcmp(pkt + OFF_XID, &xid, 4) != 0 || memcmp(pkt + OFF_CHADDR, mac, 6) != 0 ||
	    memcmp(pkt + OFF_COOKIE, cookie, 4) != 0)
		return -1;
	memcpy(&lease->addr, pkt + OFF_YIADDR, 4);
	while (pos < len && pkt[pos] != OPT_END) {
		uint8_t code = pkt[pos];
		if (code == OPT_PAD) {
			pos++;
			continue;
		}
		if (pos + 2 > len || pos + 2 + pkt[pos + 1] > len)
			return -1;
		type = take_opt(code, pkt + pos + 2, pkt[pos + 1], lease, type);
		if (type < 0)
			return -1;
		pos += 2u + pkt[pos + 1];
	}
	if (pos >= len || type == 0)
		return -1;	/* no end option, or not a DHCP (only BOOTP) reply */
	return type;
}

int dhcp_conf_parse(const char *text, struct dhcp_lease *conf)
{
	int have_addr = 0;

	memset(conf, 0, sizeof(*conf));
	while (*text) {
		char key[32], val[64], extra[2];
		size_t l = strcspn(text, "\n");
		char line[256];
		struct in_addr a;

		snprintf(line, sizeof(line), "%.*s", (int)(l < sizeof(line) ? l : sizeof(line) - 1), text);
		text += l + (text[l] == '\n');
		line[strcspn(line, "#")] = 0;
		int n = sscanf(line, "%31s %63s %1s", key, val, extra);
		if (n <= 0)
			continue;
		if (n != 2 || inet_pton(AF_INET, val, &a) != 1)
			return -1;
		if (strcmp(key, "address") == 0) {
			conf->addr = a;
			have_addr = 1;
		} else if (strcmp(key, "netmask") == 0) {
			conf->netmask = a;
		} else if (strcmp(key, "gateway") == 0) {
			conf->router = a;
		} else if (strcmp(key, "nameserver") == 0) {
			if (conf->ndns < DHCP_MAX_DNS)
				conf->dns[conf->ndns++] = a;
		} else {
			return -1;
		}
	}
	return have_addr ? 0 : -1;
}
