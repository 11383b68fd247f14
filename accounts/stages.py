from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.stages import EmailVerificationStage as AllauthEmailVerificationStage


class EmailVerificationStage(AllauthEmailVerificationStage):
    """Mandatory e-mail verification, except for someone with a verified mobile number who did
    not log in by e-mail (a phone-first applicant, whose e-mail address is optional)."""

    def handle(self):
        user = self.login.user
        if user is not None and user.phone_verified and not self.login.email:
            return None, True
        self.login.email_verification = EmailVerificationMethod.MANDATORY
        return super().handle()
