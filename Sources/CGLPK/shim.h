#ifndef LIBRARYRFID_CGLPK_SHIM_H
#define LIBRARYRFID_CGLPK_SHIM_H
/* Debian's libglpk-dev ships no pkg-config file: the header is /usr/include/glpk.h and the
   library is linked by name (module.modulemap). */
#include <glpk.h>
#endif
