/*
 * Definitions shared by the pure ext2 helpers in this folder.
 *
 * EFSCORRUPTED: the error a helper returns for on-disk data that breaks
 * the format (Linux's choice: EUCLEAN, 117, from <uapi/errno.h>).
 */
#ifndef EXT2_PURE_H
#define EXT2_PURE_H

#include <uapi/errno.h>

#define EFSCORRUPTED EUCLEAN

#endif /* EXT2_PURE_H */
