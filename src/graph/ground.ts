/**
 * The relationship types of a geography's ground as the geographies of each kind divide it, one
 * per kind (see CREATE_GROUND), for patterns that read a geography's own ground whatever
 * its kind (with `kind = <the geography's kind>`).
 */
export const ANY_GROUND = "GROUND_CCG|GROUND_LDR|GROUND_LOCAL_AUTHORITY|GROUND_REGION|GROUND_STP";
