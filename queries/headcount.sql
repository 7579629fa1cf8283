-- ASN headcount per province, when an administrator has uploaded one (for cases per 100,000 ASN).
SELECT code AS key, asn_count FROM headcount WHERE level = 'province';
