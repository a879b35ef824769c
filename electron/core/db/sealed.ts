/**
 * Type-level marks for protected columns. A `Sealed<T>` is the ciphertext of a `T` (see
 * crypto/column-cipher.ts); a `BlindIndex` is a keyed hash used for exact or prefix lookup. Both are
 * Buffers at run time, but a plain string, number or Buffer is not assignable to them, so writing
 * plaintext into an encrypted column is a type error.
 */
declare const sealedBrand: unique symbol;
declare const blindIndexBrand: unique symbol;

export type Sealed<T> = Buffer & { readonly [sealedBrand]: T };
export type BlindIndex = Buffer & { readonly [blindIndexBrand]: true };

/** The plaintext type behind a sealed column type (nullable columns included). */
export type SealedValueOf<C> = NonNullable<C> extends Sealed<infer T> ? T : never;

/** The names of a table's sealed columns. */
export type SealedColumnOf<Row> = {
  [K in keyof Row]-?: NonNullable<Row[K]> extends Sealed<unknown> ? K : never;
}[keyof Row] &
  string;
