// Thin shim over GNU GSL for Prognos. Swift 6 rejects reading GSL's global
// generator-type pointers directly, so generator types are found by name via
// gsl_rng_types_setup() on the Swift side; everything else is plain GSL.
#ifndef PROGNOS_CGSL_SHIM_H
#define PROGNOS_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/// The NULL-terminated table of every generator type GSL knows.
static inline const gsl_rng_type **prognos_gsl_rng_types(void) {
    return gsl_rng_types_setup();
}

#endif
