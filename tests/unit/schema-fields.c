/* Print every field of the schema as "kind field", one a line, for
 * tests/fields.sh. */
#include <config.h>

#include <stdio.h>

#include "schema.h"

int main(void)
{
	for (size_t k = 0; k < wg_nkinds; k++)
		for (size_t f = 0; f < wg_kinds[k]->nfields; f++)
			printf("%s %s\n", wg_kinds[k]->name, wg_kinds[k]->fields[f].name);
	return 0;
}
