/** The workflow that follows up one risk assessment; ids of the tasks it implies derive from it. */
export function riskAssessmentWorkflowId(assessmentId: string): string {
  return `risk-assessment-${assessmentId}`;
}
