/*
 * fallocate(2) mode bits of the Linux ABI (linux/falloc.h).
 */
#ifndef UAPI_FALLOC_H
#define UAPI_FALLOC_H

#define FALLOC_FL_KEEP_SIZE      0x01
#define FALLOC_FL_PUNCH_HOLE     0x02
#define FALLOC_FL_NO_HIDE_STALE  0x04
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE     0x10
#define FALLOC_FL_INSERT_RANGE   0x20
#define FALLOC_FL_UNSHARE_RANGE  0x40

/* The bits Linux knows (others: -EOPNOTSUPP before anything else is looked at). */
#define FALLOC_FL_SUPPORTED_MASK (FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | \
				  FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
				  FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

#endif /* UAPI_FALLOC_H */
