/*
 * Definitions shared by the pure ext2 helpers in this folder.
 *
 * EFSCORRUPTED: the error a helper returns for on-disk data that breaks
 * the format (Linux's choice: EUCLEAN, 117). <uapi/errno.h> does not have
 * EUCLEAN yet; it is defined here until it does.
 */
#ifndef EXT2_PURE_H
#define EXT2_PURE_H

#include <uapi/errno.h>

#ifndef EUCLEAN
#define EUCLEAN 117
#endif
#define EFSCORRUPTED EUCLEAN

#endif /* EXT2_PURE_H */
