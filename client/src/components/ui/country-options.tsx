import { countryOptions } from '@/lib/format';

/** A country select's options: an empty choice named `none`, then every country by its ISO code, named in `locale`. */
export function CountryOptions({ locale, none }: { locale: string; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {countryOptions(locale).map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </>
  );
}
