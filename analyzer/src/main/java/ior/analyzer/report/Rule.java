package ior.analyzer.report;

/**
 * One automated finding: a question with a threshold, asked in SQL. The SQL returns the evidence
 * (the rows over the threshold, worst first) with a {@code severity} column of 'high', 'medium'
 * or 'low' per row; no rows means the rule found nothing. Users can paste the SQL into
 * {@code ior query} or {@code ior sql} to reproduce a finding.
 */
public record Rule(String id, String title, String what, String threshold, String sql) {}
